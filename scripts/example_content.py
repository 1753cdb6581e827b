"""Content of the embedded example mission: what five workshop groups and a facilitator wrote."""

from __future__ import annotations

import datetime as dt

ADMINISTRATION = "Customs Service of Costa Serena"

MISSION = ("To facilitate legitimate trade and protect society by collecting revenue fairly and "
           "enforcing the law at the border, with integrity and modern, risk-based controls.")
VISION = ("By 2016, a trusted, modern customs administration recognised in the region for fast "
          "clearance, voluntary compliance and professional staff.")
VALUES = "Integrity; Professionalism; Service orientation; Transparency; Teamwork"

SWOT = {
    "Strengths": ["Committed and experienced senior management",
                  "Single window already covers 60% of import declarations",
                  "Risk management unit created in 2010",
                  "Good cooperation with the tax administration"],
    "Weaknesses": ["Customs law dates from 1978 and predates the Revised Kyoto Convention",
                   "No multi-year planning or performance measurement",
                   "High staff turnover in border posts",
                   "Physical inspection rate still above 40%",
                   "Little structured dialogue with the trade community"],
    "Opportunities": ["Government programme for trade facilitation and competitiveness",
                      "WCO Columbus Programme support and regional training centre",
                      "Donor funding available for IT modernisation"],
    "Threats": ["Growth of smuggling and under-valuation",
                "Budget restrictions announced for 2013",
                "Pressure from other agencies to keep their own controls at the border"],
}

# (id, source, text, area, status, reason)
RECOMMENDATIONS = [
    ("WCO-07-01", "WCO diagnostic 2007", "Align the customs law with the Revised Kyoto Convention",
     "Legal and procedures framework", "Open", ""),
    ("WCO-07-02", "WCO diagnostic 2007", "Introduce a strategic planning and performance measurement cycle",
     "Strategic management", "Open", ""),
    ("WCO-07-03", "WCO diagnostic 2007", "Adopt a competency-based HR management framework",
     "Human resources development", "Open", ""),
    ("WCO-07-04", "WCO diagnostic 2007", "Create a formal consultation mechanism with the private sector",
     "Stakeholder relations", "Open", ""),
    ("WCO-07-05", "WCO diagnostic 2007", "Extend risk management to all clearance channels",
     "Compliance management", "Open", ""),
    ("IMF-10-01", "IMF technical assistance mission 2010",
     "Strengthen post-clearance audit capacity and reduce physical inspections",
     "Compliance management", "Open", ""),
    ("IMF-10-02", "IMF technical assistance mission 2010",
     "Set up an integrity and anti-corruption programme", "Human resources development", "Open", ""),
    ("IMF-10-03", "IMF technical assistance mission 2010",
     "Move the customs laboratory under the revenue directorate", "Strategic management",
     "Deferred", "depends on the public-sector reform law due in 2014"),
]

Q = "Q{}"  # quarters are written as in the room: "Q2 2012"

# area → [(objective, [(initiative, owner, start, end, kpi, baseline, target, votes, recs)])]
PLAN: dict[str, list[tuple[str, list[tuple]]]] = {
    "Legal and procedures framework": [
        ("Modernise the customs legal framework in line with the Revised Kyoto Convention", [
            ("Draft a new Customs Law with the Ministry of Finance", "Legal Department", "Q2 2012", "Q4 2013",
             "New Customs Law submitted to Congress", "No draft", "Submitted by end 2013", 9, "WCO-07-01"),
            ("Accede to the Revised Kyoto Convention", "Legal Department", 2013, 2014,
             "Instrument of accession deposited", "Not acceded", "Deposited", 7, "WCO-07-01"),
            ("Publish implementing regulations for the new law", "Legal Department", "2014-01", "2015-06",
             "Regulations published", "0", "12", 5, ""),
        ]),
        ("Simplify and standardise clearance procedures", [
            ("Map and simplify import, export and transit procedures", "Procedures Unit",
             dt.date(2012, 7, 1), dt.date(2013, 6, 30), "Number of documents required for import", "11", "6",
             8, "WCO-07-01"),
            ("Publish all procedures on the customs website", "Communications Office", "Q1 2013", "Q4 2013",
             "Procedures published online (%)", "20%", "100%", 6, ""),
            ("Introduce pre-arrival processing for sea cargo", "Procedures Unit", "2013", "2014",
             "Declarations lodged before arrival (%)", "5%", "60%", 7, ""),
        ]),
    ],
    "Strategic management": [
        ("Institutionalise strategic planning and performance management", [
            ("Set up a strategic planning unit reporting to the Director General", "Director General's Office",
             "Q2 2012", "Q4 2012", "Unit created and staffed", "No unit", "Unit with 5 staff", 9, "WCO-07-02"),
            ("Define and monitor a balanced scorecard of 15 KPIs", "Planning and Control Unit", "2013", "2016",
             "KPIs reported quarterly", "0", "15", 8, "WCO-07-02"),
            ("Publish an annual performance report", "Planning and Control Unit", "2013", "2016",
             "Annual reports published", "0", "4", 6, ""),
        ]),
        ("Improve the management of financial and physical resources", [
            ("Introduce programme-based budgeting linked to the plan", "Finance Department", "2013", "2014",
             "Budget lines linked to plan objectives (%)", "0%", "80%", 5, ""),
            ("Adopt an IT master plan for 2013-2016", "IT Department", "Q3 2012", "Q2 2013",
             "IT master plan approved", "None", "Approved", 7, ""),
            ("Replace the legacy clearance system modules", "IT Department", "2014", "2017",
             "System availability (%)", "92%", "99.5%", 6, ""),
        ]),
    ],
    "Human resources development": [
        ("Professionalise customs staff through competency-based management", [
            ("Build a competency framework for all customs jobs", "HR Division", "Q3 2012", "Q2 2013",
             "Job profiles with competencies (%)", "0%", "100%", 8, "WCO-07-03"),
            ("Create a customs training academy curriculum", "HR Division / Training Academy", "2013", "2014",
             "Training hours per officer per year", "12", "40", 9, "WCO-07-03"),
            ("Introduce annual performance appraisal", "HR Division", "2014", "2015",
             "Staff appraised each year (%)", "0%", "90%", 5, ""),
        ]),
        ("Strengthen integrity and staff retention", [
            ("Adopt and disseminate a code of conduct", "Internal Affairs Unit", "Q2 2012", "Q1 2013",
             "Staff who signed the code (%)", "0%", "100%", 8, "IMF-10-02"),
            ("Run integrity risk assessments at the main border posts", "Internal Affairs Unit", "2013", "2015",
             "Border posts assessed", "0", "8", 6, "IMF-10-02"),
            ("Review allowances and rotation rules for border posts", "", "2013", "2014",
             "Annual staff turnover at border posts", "18%", "8%", 4, ""),
        ]),
    ],
    "Stakeholders": [
        ("Build structured partnerships with the trade community", [
            ("Create a national customs–business consultative committee", "Director General's Office",
             "Q3 2012", "Q4 2012", "Committee meetings held per year", "0", "4", 9, "WCO-07-04"),
            ("Sign memoranda of understanding with five trade associations", "Communications Office", "2013",
             "2014", "MoUs signed", "1", "5", 6, "WCO-07-04"),
            ("Launch an Authorised Economic Operator programme", "Compliance Directorate", "2014", "2016",
             "Certified AEOs", "0", "50", 8, ""),
        ]),
        ("Improve coordination with other border agencies", [
            ("Agree joint inspection procedures with agriculture and health agencies", "Procedures Unit",
             "2013", "2014", "Shared inspections at main ports (%)", "0%", "70%", 7, ""),
            ("Connect the partner agencies to the single window", "IT Department", "2013", "2015",
             "Agencies connected", "3", "9", 7, ""),
            ("Run a yearly client satisfaction survey", "Communications Office", "2013", "2016",
             "Satisfied clients (%)", "55%", "80%", 5, ""),
        ]),
    ],
    "Compliance Mgmt": [
        ("Extend risk management to all clearance channels", [
            ("Deploy automated risk profiling for imports, exports and transit", "Risk Management Unit",
             "Q4 2012", "Q4 2013", "Declarations risk-profiled (%)", "35%", "100%", 9, "WCO-07-05"),
            ("Reduce the physical inspection rate", "Risk Management Unit", "2013", "2016",
             "Physical inspection rate (%)", "42%", "15%", 8, "WCO-07-05, IMF-10-01"),
            ("Set up a national targeting centre", "Enforcement Directorate", "2014", "2015",
             "Seizures from targeting (%)", "10%", "35%", 6, ""),
        ]),
        ("Strengthen post-clearance audit", [
            ("Create a post-clearance audit unit with 20 trained auditors", "Audit Directorate", "2012-09",
             "2013-12", "Trained auditors", "4", "20", 8, "IMF-10-01"),
            ("Adopt an annual audit plan based on risk", "Audit Directorate", "2013", "2016",
             "Audits completed per year", "25", "150", 7, "IMF-10-01"),
            ("Introduce a voluntary disclosure scheme", "Legal Department", "2014", "2015",
             "Voluntary disclosures per year", "0", "40", 4, ""),
        ]),
        ("Reduce release times while keeping control", [
            ("Measure release times with the WCO Time Release Study", "Planning and Control Unit",
             "Q1 2013", "Q3 2013", "Average release time for imports (hours)", "72", "24", 7, ""),
            ("Introduce 24/7 operations at the main port and airport", "Operations Directorate", "2014", "2014",
             "Offices open 24/7", "1", "4", 6, ""),
            ("Publish monthly release-time and seizure statistics", "Planning and Control Unit", "2013",
             "2016", "Monthly statistics published", "No", "Yes", 3, ""),
        ]),
    ],
}
