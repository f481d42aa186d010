"""Community: moderation with escalation levels, guidelines, response duty (announcements and
the KPI dashboard join here)."""
