"""``{% page_part "name" %}…{% endpage_part %}``: a part of a page kept in the cache under the
view's ``page_key`` (``benchmarking.page_cache``); rendered as usual when that is None.
``{% page_part "name" of=parts %}`` keeps it as ``parts[name]`` instead, a part of one visitor's
own (``page_cache.OwnPart``: home's role panel), read with the page; rendered as usual when
``parts`` has no such part.

``{% page_hole "template" %}``: what belongs to each visitor in a page kept whole
(``benchmarking.page_holes``): a mark filled for every request on the pages of
``CachedPartsMixin``, the template included as usual on every other page.

A part must hold no ``{% csrf_token %}``: one user's token would be served to another.
"""

from django import template
from django.template.base import TemplateSyntaxError
from django.utils.safestring import mark_safe

from benchmarking import page_cache, page_holes

register = template.Library()


class PagePartNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name, parts=None):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context):
        if self.parts is not None:
            return self._render_own(context)
        key = context.get("page_key")
        if not key:
            return self.nodelist.render(context)
        html = page_cache.part_get(key, self.name)
        if html is None:
            html = self.nodelist.render(context)
            page_cache.part_set(key, self.name, html)
        # Rendered (and escaped) by the template engine when it was kept.
        return mark_safe(html)  # noqa: S308

    def _render_own(self, context):
        part = (self.parts.resolve(context) or {}).get(self.name)
        if part is None:
            return self.nodelist.render(context)
        html = part.read()
        if html is None:
            html = self.nodelist.render(context)
            part.keep(html)
        return mark_safe(html)  # noqa: S308


@register.tag
def page_part(parser, token):
    bits = token.split_contents()
    quoted = len(bits) > 1 and bits[1][0] in "\"'" and bits[1][0] == bits[1][-1]
    own = len(bits) == 3 and bits[2].startswith("of=") and len(bits[2]) > len("of=")
    if not quoted or len(bits) > 3 or (len(bits) == 3 and not own):
        raise TemplateSyntaxError(
            "{% page_part %} takes one quoted name and, for a visitor's own part, their parts: "
            '{% page_part "main" %}, {% page_part "panel" of=own_parts %}'
        )
    nodelist = parser.parse(("endpage_part",))
    parser.delete_first_token()
    parts = parser.compile_filter(bits[2][len("of=") :]) if own else None
    return PagePartNode(nodelist, bits[1][1:-1], parts)


class PageHoleNode(template.Node):
    def __init__(self, template_name):
        self.template_name = template_name

    def render(self, context):
        if context.get("page_holes"):
            return mark_safe(page_holes.marker(self.template_name))  # noqa: S308
        included = context.template.engine.get_template(self.template_name)
        with context.push():
            return included.render(context)


@register.tag
def page_hole(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise TemplateSyntaxError(
            '{% page_hole %} takes one quoted template name: {% page_hole "includes/_x.html" %}'
        )
    return PageHoleNode(bits[1][1:-1])
