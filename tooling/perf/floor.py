"""The floors the bench measures pages against, in the same run: the cheapest Django view
(``hello``) and the simplest paginated list (25 participants of all of them, a ``ListView``).

A figure in milliseconds moves by a factor of two between machines; a page's time as a
multiple of these floors does not. They are served only by the bench's URLconf
(``tooling.perf.urls``, through ``tooling.perf.settings``), never by the site's.
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.views.generic import ListView

from participants.models import Participant

FLOOR_LIST_TEMPLATE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>Peserta</title></head><body>
<ol>{% for participant in object_list %}<li>{{ participant.full_name }}, {{ participant.position }}</li>{% endfor %}</ol>
<p>{{ page_obj.number }} / {{ paginator.num_pages }}</p></body></html>"""


def hello(request):
    """The floor of a Django request: no database, no template."""
    return HttpResponse("Hello, world")


class FloorListView(ListView):
    """The floor of a page that reads rows: 25 of them, paginated, in a tiny template."""

    paginate_by = 25

    def get_queryset(self):
        return Participant.objects.order_by("pk")

    def get_template_names(self):
        # A Template, not a name: TemplateResponse renders it as it is.
        return engines["django"].from_string(FLOOR_LIST_TEMPLATE)


urlpatterns = [
    path("bench/hello/", hello, name="bench-hello"),
    path("bench/list/", FloorListView.as_view(), name="bench-list"),
]
