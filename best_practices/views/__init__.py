"""Views of the best_practices app, one module per screen (the home page is in ``home``)."""
