"""URLs of the best_practices app."""

app_name = "best_practices"

urlpatterns = []
