"""Notifications: in-app notifications and the email outbox; listens to domain events."""
