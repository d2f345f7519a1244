"""The document's standard paragraphs (introduction, financing, reporting, closing), shared by PDF and DOCX."""

from django.utils.translation import gettext as _

from .data import DocumentData
from .tables import number_text


def texts(data: DocumentData) -> dict:
    region = data.region.display_name
    return {
        "background": _(
            "%(region)s takes part in the national Movement Towards 100 Smart Cities (Gerakan Menuju 100 Smart "
            "City). This masterplan sets out how the region uses technology and innovation to serve its citizens "
            "better, strengthen its economy and protect its environment over the coming years."
        )
        % {"region": region},
        "laws": [
            _("Law No. 23 of 2014 on Regional Government;"),
            _("Law No. 25 of 2004 on the National Development Planning System;"),
            _("Presidential Regulation No. 95 of 2018 on Electronic-Based Government Systems (SPBE);"),
        ],
        "aims": _(
            "The masterplan guides the regional government, its agencies and partners in planning, funding, "
            "carrying out and monitoring the smart city programmes, and aligns them with the regional development "
            "plans (RPJMD, RKPD)."
        ),
        "financing": _(
            "The programmes of the masterplan are estimated at Rp %(total)s in total. A programme's budget is "
            "spread evenly over its years."
        )
        % {"total": number_text(data.budget_total)},
        "reporting": _(
            "Each owner agency reports the progress of its programmes every quarter; the Tim Pelaksana reviews the "
            "reports and the indicators' achievements every semester and reports to the Dewan Kota Cerdas once a "
            "year, ahead of the national evaluation."
        ),
        "closing": _(
            "This masterplan is the shared reference of the government of %(region)s, its agencies and partners "
            "for building a smart region. It is reviewed every year against the monitoring results and revised "
            "when needed; each revision is recorded with its reason."
        )
        % {"region": region},
    }
