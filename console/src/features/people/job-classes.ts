/** The job classes an import accepts (janus.people.rows.JOB_CLASSES), in the same order. */
export const JOB_CLASSES = ["clerical", "hr-training", "service-sales", "technical", "management"] as const;
