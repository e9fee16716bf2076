"""The models of every coordination sub-capability, gathered so that Django finds them."""
