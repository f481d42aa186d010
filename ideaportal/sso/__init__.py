"""Single sign-on with OpenID Connect providers the admin configures."""
