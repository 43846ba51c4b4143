"""Shipped rule sets: one TOML file per boilerplate category (see README)."""
