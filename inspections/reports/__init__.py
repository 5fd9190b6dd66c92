"""The quarter's reports: the workbook, a PDF per union and the city summary for the media."""
