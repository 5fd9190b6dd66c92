"""附件1 (the filing form) as Excel, both ways.

    layout.py + attachment1.toml   the form's wording, columns and vocabularies
    writer.py                      the blank template and any filing in the official layout
    reader.py                      finding the form in a clerk's workbook
    convert.py                     one station row to Station fields, collecting problems
    registry.py                    the registry export, every field of every visible station
    forms.py                       the upload form

The import itself is a service: stations.services.filing_import.
"""
