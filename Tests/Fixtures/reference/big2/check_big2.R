## Validate rm_pipeline.R (used for the MFD2 references) on the Big Two data against the
## independent R reference kept next to this script (fig1_big2.json, fig1_big2_rank_results.csv;
## see README.md here), then write big2_lme_exact.json.
## Run from the repository root:  Rscript Tests/Fixtures/reference/big2/check_big2.R [reference_dir]
args <- commandArgs(trailingOnly = TRUE)
ref_dir <- if (length(args) >= 1) args[1] else "Tests/Fixtures/reference/big2"
source("Tests/Fixtures/reference/mfd2/rm_pipeline.R")

res <- run_pipeline("dict_big2_nouns", dict_big2())
ref <- fromJSON(file.path(ref_dir, "fig1_big2.json"))
ref_csv <- read.csv(file.path(ref_dir, "fig1_big2_rank_results.csv"), stringsAsFactors = FALSE)

TOL <- 1e-9
n_fail <- 0L
chk <- function(what, got, want, tol = TOL) {
  rel <- max(abs(got - want) / pmax(abs(want), 1e-300))
  ok <- isTRUE(all(abs(got - want) <= tol * pmax(abs(want), 1)) || rel <= tol)
  if (!ok) n_fail <<- n_fail + 1L
  cat(sprintf("%-4s %-62s max rel diff %.3g\n", if (ok) "OK" else "FAIL", what, rel))
}

## 1) median-rank table, 1,080 rows
tab <- res$mr$table
cat("rows:", nrow(tab), " reference rows:", nrow(ref_csv), "\n")
key_m <- paste(tab$rm, tab$category, tab$prompt)
key_r <- paste(ref_csv$model_id, ref_csv$Category, ref_csv$prompt)
stopifnot(nrow(tab) == 1080, setequal(key_m, key_r), !anyDuplicated(key_m))
j <- match(key_r, key_m)
stopifnot(identical(tab$family[j], ref_csv$base_model), identical(tab$framing[j], ref_csv$prompt_framing))
chk("median_rank table (1080 rows, exact expected)", tab$median_rank[j], ref_csv$sum_value, 0)

## 2) counts
cat("distinct answers ranked:", nrow(res$mr$kept_words), "(ref", ref$n_unique_tokens, ")  per category:",
    paste(names(table(res$mr$kept_words$category)), table(res$mr$kept_words$category), collapse = ", "),
    "  not in dict:", paste(res$mr$responses_not_in_dict, collapse = ", "), "\n")
stopifnot(nrow(res$mr$kept_words) == ref$n_unique_tokens,
          identical(res$mr$responses_not_in_dict, sort(ref$response_tokens_not_in_dict)))

## 3) lme
fe <- res$lme$out$fixed_effects; rfe <- ref$lme$fixed_effects
rename <- function(x) gsub("prompt_framing", "framing", gsub("Category", "category", gsub("base_model", "family", x)))
stopifnot(identical(fe$term, rename(rfe$term)))
chk("lme estimates", fe$estimate, rfe$Value)
chk("lme SEs", fe$SE, rfe$Std.Error)
chk("lme DFs", fe$DF, rfe$DF, 0)
chk("lme t", fe$t, rfe$t.value)
chk("lme p (excluding intercept p = 0)", fe$p[-1], rfe$p.value[-1])
cat(sprintf("     3-way %s: est %.10g  t %.10g  p %.6g\n", fe$term[8], fe$estimate[8], fe$t[8], fe$p[8]))
chk("random-intercept SD", res$lme$out$random_intercept_sd, ref$lme$random_intercept_sd)
chk("residual SD", res$lme$out$residual_sd, ref$lme$residual_sd)
chk("logLik", res$lme$out$logLik, ref$lme$logLik)
chk("AIC", res$lme$out$AIC, ref$lme$AIC)
chk("BIC", res$lme$out$BIC, ref$lme$BIC)

## 4) panel Welch tests (reference t is Gemma - Llama; ours is Llama - Gemma)
pt <- res$panels; rp <- ref$panel_tests
k <- match(paste(rp$category, rp$prompt_framing), paste(pt$category, pt$framing))
chk("Welch t (sign flipped)", pt$t[k], -rp$t)
chk("Welch df", pt$df[k], rp$df)
chk("Welch p", pt$p_welch[k], rp$p_welch)
chk("Bonferroni p (x4)", pt$p_bonferroni[k], rp$p_adj_upstream)
stopifnot(identical(pt$stars[k], rp$stars_upstream))
cat("OK   stars:", paste(pt$category[k], pt$framing[k], pt$stars[k], collapse = "; "), "\n")
chk("means", c(pt$mean_llama[k], pt$mean_gemma[k]), c(rp$mean_llama, rp$mean_gemma))

## 5) Cohen's d (panel_rank_results definition)
cd <- ref$cohen_d; cd <- cd[cd$definition == "panel_rank_results", ]
k2 <- match(paste(cd$category, cd$prompt_framing), paste(pt$category, pt$framing))
chk("Cohen d (avg-variance SD)", pt$d_avgvar[k2], cd$d_avgvar)
chk("Cohen d (pooled SD)", pt$d_pooled[k2], cd$d_pooled)

cat(if (n_fail == 0) "\nALL CHECKS PASSED\n" else sprintf("\n%d CHECK(S) FAILED\n", n_fail))

## The exact REML optimum of the same model (exact_reml.R): the values
## Backbone reports, held to 1e-6 by the tests.
write_json17(list(note = "exact REML optimum (Tests/Fixtures/reference/mfd2/exact_reml.R); factors named family, category, framing",
                  lme_exact = res$lme_exact),
             file.path("Tests/Fixtures/reference/big2", "big2_lme_exact.json"))
cat("wrote Tests/Fixtures/reference/big2/big2_lme_exact.json\n")
quit(status = if (n_fail == 0) 0 else 1)
