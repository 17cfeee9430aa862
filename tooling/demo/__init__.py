"""The demo data set of Lokus: the visit of the source article, kept as JSON in ``data/``, and
the loader that writes it (``loader.demo_data_ensure``), run by ``manage.py seed_demo``.
"""
