"""Shared kernel: model base, permissions, domain events, markdown, audit log, errors."""
