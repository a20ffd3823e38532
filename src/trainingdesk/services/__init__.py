"""Use cases: each method is one transaction and speaks in plain records."""
