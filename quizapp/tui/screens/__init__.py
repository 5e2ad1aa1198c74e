"""The screens of the study app, one per module."""
