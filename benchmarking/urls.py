"""URLs of the benchmarking app."""

app_name = "benchmarking"

urlpatterns = []
