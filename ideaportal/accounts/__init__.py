"""Accounts: users, roles, sign-up, log-in, password reset, and the admin's role changes."""
