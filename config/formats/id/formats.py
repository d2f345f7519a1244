# One date format for the whole site in this language ("3 Des 2026", "3 Des 2026 14:05"): templates use
# |date:"DATE_FORMAT" or |date:"DATETIME_FORMAT", never a literal format. Input formats stay Django's.
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
