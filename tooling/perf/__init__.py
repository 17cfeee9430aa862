"""National-scale load: the data set of ``manage.py bench`` (``generator``), the pages it
times (``pages``), the timer (``timing``) and its database (``database``).
"""
