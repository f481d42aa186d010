"""Triage: demand score and queue, product teams, hand-offs by signed webhooks, status callbacks,
the public roadmap."""
