"""URLs of the participants app."""

app_name = "participants"

urlpatterns = []
