"""JSON API under /api/v1: marshmallow schemas over the modules' services; OpenAPI document."""
