"""Reusable widgets of the study app."""
