## Upper tails of the chi-squared distribution (R pchisq, lower.tail = FALSE)
## for Tests/StatsTests/RandomSlopesModelTests.swift, and the 0.975 quantiles
## of t (R qt) behind the 95% intervals of the robustness page.
## Run from the repository root:
##   Rscript Tests/Fixtures/reference/robustness/make_chisq_reference.R
source("Tests/Fixtures/reference/mfd2/rm_pipeline.R")
cases <- expand.grid(x = c(0.01, 0.5, 1, 3.7, 9, 20, 60, 395.17291886), df = c(1, 2, 4.5, 9, 30))
cases$p <- pchisq(cases$x, cases$df, lower.tail = FALSE)
t_critical <- data.frame(df = c(1, 2, 6.2, 8, 53.7, 1064, 2646))
t_critical$t975 <- qt(0.975, t_critical$df)
write_json17(list(cases = cases, t_critical = t_critical), "Tests/Fixtures/reference/robustness/chisq_reference.json")
