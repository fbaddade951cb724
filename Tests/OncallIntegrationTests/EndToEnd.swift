import Testing

/// Every end-to-end suite runs inside this one, one test at a time: each starts real daemons and
/// test servers, and running them all at once on a 2-core CI machine would turn their deliberately
/// short timers into races.
@Suite(.serialized) enum EndToEnd {}
