"""The embeddable feedback widget: a script for the customer's product and its iframe pages."""
