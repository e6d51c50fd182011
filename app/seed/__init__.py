"""Demo and load-test data: fictional customers, contacts and the default reference data.

``catalogue`` holds the raw material (names, places, what customers write about) and
``generator`` turns it into rows, fast enough for a million customers, with the help of
``checks``, ``reference``, ``customers``, ``contacts`` and ``contact_rows`` (see its docstring).
"""
