"""The home page with the logged-in user's panel: ``best_practices``' public home, to which
this app, which knows the roles, adds what each role does next."""

from best_practices.views.home import HomeView
from participants.home import role_panel


class RoleHomeView(HomeView):
    """The public home (its parts cached) and, outside them, the user's own panel."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(role_panel=role_panel(self.request.user), **kwargs)
