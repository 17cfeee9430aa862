"""``{% page_part "name" %}…{% endpage_part %}``: a part of a page kept in the cache under the
view's ``page_key`` (``benchmarking.page_cache``); rendered as usual when that is None.

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

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        key = context.get("page_key")
        if not key:
            return self.nodelist.render(context)
        html = page_cache.part_get(key, self.name)
        if html is None:
            html = self.nodelist.render(context)
            page_cache.part_set(key, self.name, html)
        # Rendered (and escaped) by the template engine when it was kept.
        return mark_safe(html)  # noqa: S308


@register.tag
def page_part(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise TemplateSyntaxError('{% page_part %} takes one quoted name: {% page_part "main" %}')
    nodelist = parser.parse(("endpage_part",))
    parser.delete_first_token()
    return PagePartNode(nodelist, bits[1][1:-1])


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
