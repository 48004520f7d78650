"""Party screening data: party list files (app/parties/loaders.py), their entries
(app/parties/records.py), company names read for comparison (app/parties/names.py) and the
index that matches a shipper or consignee against them (app/parties/matcher.py).

It imports nothing of the reference data, the rules or the web layer: the reference data builds
the index from the settings' paths, the PARTY_LISTED rule reads it.
"""
