"""Customer companies: who a member works for, and what that company is worth to us."""
