"""Expert rating of a scenario's scoring key: blind items, filled sheets, agreement.

Pure: nothing here reads or writes files. ``agreement`` holds the statistics (Kendall's
tau-b, Krippendorff's alpha), ``items`` what a rater sees of each decision (and the key
they don't see), ``ratings`` a filled sheet as plain values, ``compare`` the numbers and
flags of a rating report.
"""
