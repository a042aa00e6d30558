"""Reviews: update discussions and appraisals, their calibration by HR, and the page that gathers a person's
period (goals, competencies with the library's model evaluations, the latest released 360 summary)."""
