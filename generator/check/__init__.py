"""Stages 2-4, validate, link, check: documents → one linked, checked fact base."""
