## Reference values for the robustness layer's R3 (leave one out) and R2 (the
## maximal model), from the median-rank tables the R pipeline wrote
## (../big2/fig1_big2_rank_results.csv, ../mfd2/mfd2_{virtue,script}_median_ranks.csv).
##
## R3: median_rank ~ family * category * framing, random = ~1 | rm, REML,
## refitted without each RM and without each prompt. Estimates, SE, t and p
## from the exact REML optimum (../mfd2/exact_reml.R, which nlme's optimiser
## approaches but stops short of); denominator DF from nlme::lme on the same data.
## R2: lme4::lmer(median_rank ~ family * category * framing +
## (1 + category * framing | rm), REML = TRUE) on the Big Two table, with the
## random-intercept fit for the likelihood-ratio statistic.
##
## Run from the repository root:
##   Rscript Tests/Fixtures/reference/robustness/make_robustness_reference.R
## R 4.2.2, nlme 3.1-162, lme4 1.1-31 (Debian). Numbers written with 17
## significant digits (to_json17 from ../mfd2/rm_pipeline.R).
source("Tests/Fixtures/reference/mfd2/rm_pipeline.R")
suppressPackageStartupMessages(library(lme4))
OUT <- "Tests/Fixtures/reference/robustness"

big2 <- read.csv("Tests/Fixtures/reference/big2/fig1_big2_rank_results.csv", stringsAsFactors = FALSE)
big2 <- data.frame(rm = big2$model_id, family = big2$base_model, category = big2$Category,
                   prompt = big2$prompt, framing = big2$prompt_framing, median_rank = big2$sum_value,
                   stringsAsFactors = FALSE)
tables <- list(big2 = big2,
               mfd2 = read.csv("Tests/Fixtures/reference/mfd2/mfd2_virtue_median_ranks.csv", stringsAsFactors = FALSE),
               mfd2_script = read.csv("Tests/Fixtures/reference/mfd2/mfd2_script_median_ranks.csv", stringsAsFactors = FALSE))

prepare <- function(d) {
  d$family <- factor(d$family, levels = FAMILY_LEVELS)
  d$category <- factor(d$category, levels = sort(unique(d$category)))
  d$framing <- factor(d$framing, levels = FRAMING_LEVELS)
  d$rm <- factor(d$rm, levels = unique(d$rm))
  droplevels(d)
}

fit_one <- function(d) {
  d <- prepare(d)
  X <- model.matrix(~ family * category * framing, d)
  nl <- lme(median_rank ~ family * category * framing, random = ~ 1 | rm, data = d, method = "REML")
  df <- unname(summary(nl)$tTable[, "DF"])
  e <- exact_reml(d$median_rank, X, d$rm, df)
  data.frame(term = e$terms, estimate = e$estimate, std_error = e$se, df = e$df, t = e$t, p = e$p,
             stringsAsFactors = FALSE)
}

loo <- list()
for (key in names(tables)) {
  d <- tables[[key]]
  fits <- list()
  for (rm in unique(d$rm))
    fits[[length(fits) + 1]] <- list(unit = "rm", left_out = rm, fixed_effects = fit_one(d[d$rm != rm, ]))
  for (p in unique(d$prompt))
    fits[[length(fits) + 1]] <- list(unit = "prompt", left_out = p, fixed_effects = fit_one(d[d$prompt != p, ]))
  loo[[key]] <- fits
  cat(sprintf("%s: %d leave-one-out fits\n", key, length(fits)))
}
write_json17(loo, file.path(OUT, "leave_one_out_reference.json"))

## R2: the maximal model on Big Two.
d <- prepare(big2)
ctrl <- lmerControl(optimizer = "bobyqa", optCtrl = list(maxfun = 1e5), check.conv.singular = "ignore")
maximal <- lmer(median_rank ~ family * category * framing + (1 + category * framing | rm), data = d, REML = TRUE,
                control = ctrl)
intercept <- lmer(median_rank ~ family * category * framing + (1 | rm), data = d, REML = TRUE, control = ctrl)
cf <- summary(maximal)$coefficients
vc <- as.data.frame(VarCorr(maximal))
re <- VarCorr(maximal)$rm
ll_max <- as.numeric(logLik(maximal, REML = TRUE)); ll_int <- as.numeric(logLik(intercept, REML = TRUE))
out <- list(
  lme4 = as.character(packageVersion("lme4")),
  formula = "median_rank ~ family * category * framing + (1 + category * framing | rm)",
  fixed_effects = data.frame(term = rownames(cf), estimate = unname(cf[, "Estimate"]),
                             std_error = unname(cf[, "Std. Error"]), t = unname(cf[, "t value"]), stringsAsFactors = FALSE),
  log_likelihood = ll_max, log_likelihood_random_intercept = ll_int,
  likelihood_ratio = 2 * (ll_max - ll_int), likelihood_ratio_p = pchisq(2 * (ll_max - ll_int), 9, lower.tail = FALSE),
  theta = unname(getME(maximal, "theta")),
  singular = isSingular(maximal, tol = 1e-4),
  random_effect_names = colnames(re),
  random_effect_sd = unname(attr(re, "stddev")),
  random_effect_correlations = lapply(seq_len(nrow(re)), function(i) unname(attr(re, "correlation")[i, ])),
  residual_sd = sigma(maximal),
  random_intercept_sd = as.numeric(attr(VarCorr(intercept)$rm, "stddev")),
  random_intercept_residual_sd = sigma(intercept))
write_json17(out, file.path(OUT, "maximal_model_reference.json"))
cat(sprintf("maximal: logLik %.10f, RI logLik %.10f, LR %.6f, singular %s\n", ll_max, ll_int, 2 * (ll_max - ll_int),
            isSingular(maximal, tol = 1e-4)))
print(summary(maximal)$coefficients)
print(VarCorr(maximal))
