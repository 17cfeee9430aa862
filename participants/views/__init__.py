"""Views of the participants app, one module per screen family (``proposals``, ...)."""
