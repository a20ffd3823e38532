"""Thin Qt models over plain records from the services."""
