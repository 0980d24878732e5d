package org.learntrace.research.synth;

/**
 * What the generator planted and counted, written to {@code truth.json} beside the data so that
 * tests and readers can check what the analysis recovers.
 *
 * @param seed the seed
 * @param schools schools
 * @param treatedSchools schools assigned to treatment
 * @param teachers teachers
 * @param treatedTeachers teachers in treated schools
 * @param teachersReached treated teachers who started at least one module
 * @param completers treated teachers who completed every module
 * @param learners learners
 * @param statements engagement statements written
 * @param offlineTeachers treated teachers who sync late
 * @param expectedModules E[modules completed] in the treated arm under the engagement model
 * @param meanModulesTreated the sample mean of modules completed by treated teachers
 * @param effectSd the planted average treatment effect, latent SD
 * @param effectPoints the same in raw test points ({@code effectSd · pointsPerSd})
 * @param perModulePoints the planted dose slope, raw points per module completed
 * @param pointsPerSd raw points per latent SD
 * @param latentSchoolVariance τ², the latent school variance that gives the configured observed ICC
 * @param selfReportBias the planted mean over-report, modules
 * @param meanSelfReportGap the sample mean of (reported − completed) over treated teachers
 * @param totalCostUsd the cost ledger's central total
 */
public record StudyTruth(
    long seed,
    int schools,
    int treatedSchools,
    int teachers,
    int treatedTeachers,
    int teachersReached,
    int completers,
    int learners,
    long statements,
    int offlineTeachers,
    double expectedModules,
    double meanModulesTreated,
    double effectSd,
    double effectPoints,
    double perModulePoints,
    double pointsPerSd,
    double latentSchoolVariance,
    double selfReportBias,
    double meanSelfReportGap,
    double totalCostUsd) {}
