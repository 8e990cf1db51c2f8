## Reference values for the MFD2 reward-model ranks (Docs/Methods.md#mfd2-columns), both column variants.
## Run from the repository root:  Rscript Tests/Fixtures/reference/mfd2/make_mfd2_reference.R
## Writes, next to this script: mfd2_<variant>_median_ranks.csv and mfd2_<variant>.json
## for variant in virtue (paper: *_Virtue columns, 989 words) and script (study script's
## positional range Care_Virtue..Sanctity_Virtue, suffix stripped, 1,652 words).
source("Tests/Fixtures/reference/mfd2/rm_pipeline.R")
OUT_DIR <- "Tests/Fixtures/reference/mfd2"

for (variant in c("virtue", "script")) {
  dict <- dict_mfd2(variant)
  res <- run_pipeline("dict_MFD_20", dict)
  tab <- res$mr$table
  stopifnot(nrow(tab) == 10 * 5 * 54)
  write_csv17(tab[, c("rm", "family", "category", "prompt", "framing", "median_rank")],
              file.path(OUT_DIR, sprintf("mfd2_%s_median_ranks.csv", variant)))

  kw <- res$mr$kept_words
  dict_per_cat <- as.list(table(dict$category))
  kept_per_cat <- as.list(table(factor(kw$category, levels = res$mr$categories)))
  out <- list(
    analysis = sprintf("Docs/Methods.md#mfd2-columns, MFD2 reward-model ranks, column variant '%s'", variant),
    variant = variant,
    dictionary_columns = if (variant == "virtue") "<Foundation>_Virtue (5 columns)"
                         else "Care_Virtue..Sanctity_Virtue positional range (9 columns; includes Care/Fairness/Loyalty/Authority _Vice, excludes Sanctity_Vice), suffix stripped",
    software = list(R = R.version.string, nlme = as.character(packageVersion("nlme")),
                    jsonlite = as.character(packageVersion("jsonlite"))),
    notes = list(
      rank = "rank(-score) within (RM, prompt) over all kept answers (all categories together); ties -> average",
      median_rank = "median of rank over the category's answers within (RM, category, prompt)",
      t_sign = "t = (mean Llama - mean Gemma)/SE, i.e. t.test(Llama, Gemma, var.equal = FALSE)",
      cohen_d = "d_avgvar = (mean Llama - mean Gemma)/sqrt((sL^2+sG^2)/2); d_pooled uses the pooled SD sqrt(((nL-1)sL^2+(nG-1)sG^2)/(nL+nG-2))",
      bonferroni = "p_bonferroni = min(p_welch * 10, 1); stars: <.001 ***, <.01 **, <.05 *, else n.s.",
      log10_p = "log10 of the two-sided lme p computed with pt(log.p = TRUE), exact where p underflows to 0"),
    n_models = nrow(RM_MANIFEST),
    models = RM_MANIFEST,
    n_prompts = length(res$mr$prompts),
    prompts = I(res$mr$prompts),
    categories = I(res$mr$categories),
    n_dictionary_words = nrow(dict),
    dictionary_words_per_category = dict_per_cat,
    n_responses_scored = res$mr$n_responses_scored,
    n_unique_answers_ranked = nrow(kw),
    words_kept_per_category = kept_per_cat,
    n_responses_not_in_dictionary_variant = length(res$mr$responses_not_in_dict),
    dictionary_words_not_scored = I(res$mr$dict_words_not_scored),
    y_axis_label = sprintf("Median rank (MFD2) \n #1 = best, #%d = worst", nrow(kw)),
    n_median_rank_rows = nrow(tab),
    framing_summary = do.call(rbind, lapply(FRAMING_LEVELS, function(f) {
      x <- tab$median_rank[tab$framing == f]; data.frame(framing = f, mean = mean(x), sd = sd(x), n = length(x)) })),
    lme = res$lme$out,
    lme_exact = res$lme_exact,
    panel_tests = res$panels)
  write_json17(out, file.path(OUT_DIR, sprintf("mfd2_%s.json", variant)))

  cat(sprintf("\n=== %s: %d dictionary words, %d answers ranked (%s)\n", variant, nrow(dict), nrow(kw),
              paste(names(kept_per_cat), unlist(kept_per_cat), collapse = ", ")))
  fe <- res$lme$out$fixed_effects
  print(fe[, c("term", "estimate", "SE", "DF", "t", "p")], digits = 6, row.names = FALSE)
  cat(sprintf("RE SD %.8g  resid SD %.8g  logLik %.10g  AIC %.10g  BIC %.10g\n",
              res$lme$out$random_intercept_sd, res$lme$out$residual_sd, res$lme$out$logLik,
              res$lme$out$AIC, res$lme$out$BIC))
  print(res$panels[, c("category", "framing", "mean_llama", "mean_gemma", "t", "df", "p_welch", "p_bonferroni", "stars", "d_avgvar")],
        digits = 5, row.names = FALSE)
}
