"""Background work: async screenings, re-screening and webhook deliveries, on a job queue."""
