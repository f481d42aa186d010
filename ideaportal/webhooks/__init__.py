"""Event webhooks for integrators: admins subscribe URLs to domain events (idea.created,
idea.status_changed, ...); each event becomes a signed, retried, logged delivery."""
