"""A package in which one module exits and one fails at import, and one holds a flow."""
