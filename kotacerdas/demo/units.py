"""The demo indicators' units in English (an indicator's `unit_en`); a unit missing here is the same in both."""

UNITS_EN = {
    "desa": "villages",
    "ha": "ha",
    "hari": "days",
    "jam": "hours",
    "kecamatan": "districts",
    "layanan": "services",
    "miliar Rp": "billion Rp",
    "orang": "people",
    "produk": "products",
    "puskesmas": "health centres",
    "sekolah": "schools",
    "sensor": "sensors",
    "titik": "sites",
    "trayek": "routes",
    "unit": "units",
    "PD": "agencies",
}
