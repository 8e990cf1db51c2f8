## Shared pipeline for §2 reward models "in the wild" (Big Two and MFD2; Docs/Methods.md#median-ranks).
## Sourced by make_mfd2_reference.R and ../big2/check_big2.R. Base R + nlme + jsonlite only.
## All paths are relative to the repository root (run the scripts from there).

suppressPackageStartupMessages({ library(nlme); library(jsonlite) })

DATA_DIR <- "content/data"

## RM manifest, display order of the study's figures (as in content/study.yaml).
RM_MANIFEST <- data.frame(
  stem = c("nicolinho_QRM-Gemma-2-27B", "Skywork_Skywork-Reward-Gemma-2-27B-v0.2",
           "Skywork_Skywork-Reward-Gemma-2-27B", "Skywork_Skywork-Reward-Llama-3.1-8B-v0.2",
           "nicolinho_QRM-Llama3.1-8B", "LxzGordon_URM-LLaMa-3.1-8B",
           "Ray2333_GRM-Llama3-8B-rewardmodel-ft", "Ray2333_GRM-Llama3.2-3B-rewardmodel-ft",
           "RLHFlow_ArmoRM-Llama3-8B-v0.1", "Ray2333_GRM-gemma2-2B-rewardmodel-ft"),
  label = c("N-Gem-27B", "S-Gem-27B-v0.2", "S-Gem-27B", "S-Lla-8B-v0.2", "N-Lla-8B",
            "L-Lla-8B", "R-Lla-8B", "R-Lla-3B", "F-Lla-8B-v0.1", "R-Gem-2B"),
  family = c("Gemma", "Gemma", "Gemma", "Llama", "Llama", "Llama", "Llama", "Llama", "Llama", "Gemma"),
  stringsAsFactors = FALSE)
FAMILY_LEVELS <- c("Gemma", "Llama")
FRAMING_LEVELS <- c("positive", "negative")

read_plain_csv <- function(path)
  read.csv(path, stringsAsFactors = FALSE, check.names = FALSE, na.strings = character(0),
           strip.white = FALSE, encoding = "UTF-8")

## Framing from the prompt key's first component.
prompt_framing <- function(prompt) {
  adj <- sub("_.*$", "", prompt)
  out <- ifelse(adj %in% c("best", "greatest", "good"), "positive",
         ifelse(adj %in% c("worst", "bad", "terrible"), "negative", NA_character_))
  if (anyNA(out)) stop("unknown prompt adjective: ", paste(unique(prompt[is.na(out)]), collapse = ", "))
  out
}

## Dictionaries -> data.frame(word, category), one row per (word, category).
dict_big2 <- function() {
  d <- read_plain_csv(file.path(DATA_DIR, "corpora/dict_big2_nouns.csv"))
  unique(data.frame(word = d$token_decoded, category = d$Category, stringsAsFactors = FALSE))
}
dict_mfd2 <- function(variant = c("virtue", "script")) {
  variant <- match.arg(variant)
  d <- read_plain_csv(file.path(DATA_DIR, "corpora/moral-foundations-dictionary-20.dicx"))
  cn <- names(d)
  cols <- if (variant == "virtue") grep("_Virtue$", cn, value = TRUE)
          else cn[match("Care_Virtue", cn):match("Sanctity_Virtue", cn)]   # the script's positional range
  rows <- lapply(cols, function(cc) {
    w <- d$DicTerm[trimws(d[[cc]]) == "X"]
    data.frame(word = w, category = rep(sub("_(Virtue|Vice)$", "", cc), length(w)), stringsAsFactors = FALSE)
  })
  unique(do.call(rbind, rows))
}

## One score file per RM in the directory; the directory, not the file prefix, names the word list.
read_scores <- function(score_dir) {
  files <- list.files(file.path(DATA_DIR, "reward_model_scores", score_dir), pattern = "\\.csv$", full.names = TRUE)
  stems <- sub("^(big2|MFD20)_rewards_", "", sub("\\.csv$", "", basename(files)))
  if (!setequal(stems, RM_MANIFEST$stem)) stop("score files do not match the manifest in ", score_dir)
  lapply(seq_len(nrow(RM_MANIFEST)), function(i) {
    s <- read_plain_csv(files[match(RM_MANIFEST$stem[i], stems)])
    if (anyDuplicated(s$response)) stop("duplicate responses in ", files[i])
    s
  })
}

## Steps 1-3: keep dictionary answers, rank per (RM, prompt) over all kept answers
## (rank 1 = highest reward, ties averaged), median per (RM, category, prompt).
median_rank_table <- function(scores, dict) {
  cats <- sort(unique(dict$category))
  prompts <- names(scores[[1]])[-1]
  out <- list(); kept_info <- list()
  for (i in seq_along(scores)) {
    s <- scores[[i]]
    if (!identical(names(s)[-1], prompts)) stop("prompt columns differ between RMs")
    m <- merge(data.frame(word = s$response, row = seq_len(nrow(s)), stringsAsFactors = FALSE), dict, by = "word")
    kept_info[[i]] <- m
    for (p in prompts) {
      r <- rank(-s[[p]][m$row])                       # average ties (R default)
      med <- vapply(cats, function(cc) median(r[m$category == cc]), numeric(1))
      out[[length(out) + 1]] <- data.frame(rm = RM_MANIFEST$label[i], family = RM_MANIFEST$family[i],
        category = cats, prompt = p, framing = prompt_framing(p), median_rank = unname(med),
        stringsAsFactors = FALSE)
    }
  }
  tab <- do.call(rbind, out)
  ## sort: RM display order, category (alphabetical), prompt in score-file column order
  tab <- tab[order(match(tab$rm, RM_MANIFEST$label), tab$category, match(tab$prompt, prompts)), ]
  rownames(tab) <- NULL
  words <- kept_info[[1]][, c("word", "category")]
  for (k in kept_info) if (!identical(sort(paste(k$word, k$category)), sort(paste(words$word, words$category))))
    stop("kept answer sets differ between RMs")
  all_resp <- scores[[1]]$response
  list(table = tab, categories = cats, prompts = prompts,
       kept_words = words[order(words$category, words$word), ],
       n_responses_scored = length(all_resp),
       responses_not_in_dict = sort(setdiff(all_resp, dict$word)),
       dict_words_not_scored = sort(setdiff(dict$word, all_resp)))
}

## Step 4: REML mixed model with random intercept per RM.
source("Tests/Fixtures/reference/mfd2/exact_reml.R")
## nlme's default optimiser stops before the REML maximum (random-intercept SD
## ~1e-4 relative short on the Big Two model, ~6e-5 on MFD2 even with tight
## lmeControl settings). `lme` below is what a user of R sees; `lme_exact` is
## the exact optimum (exact_reml.R), which is what Backbone reports.
fit_lme_exact <- function(tab, categories, df) {
  d <- tab
  d$family <- factor(d$family, levels = FAMILY_LEVELS)
  d$category <- factor(d$category, levels = categories)
  d$framing <- factor(d$framing, levels = FRAMING_LEVELS)
  X <- model.matrix(~ family * category * framing, d)
  e <- exact_reml(d$median_rank, X, factor(d$rm, levels = RM_MANIFEST$label), df)
  list(method = "REML (exact optimum, exact_reml.R)", n_obs = nrow(X),
       fixed_effects = data.frame(term = e$terms, estimate = e$estimate, SE = e$se, DF = e$df, t = e$t, p = e$p,
                                  stringsAsFactors = FALSE),
       random_intercept_sd = e$random_intercept_sd, residual_sd = e$residual_sd,
       logLik = e$logLik, AIC = e$AIC, BIC = e$BIC)
}
fit_lme <- function(tab, categories) {
  d <- tab
  d$family <- factor(d$family, levels = FAMILY_LEVELS)
  d$category <- factor(d$category, levels = categories)
  d$framing <- factor(d$framing, levels = FRAMING_LEVELS)
  d$rm <- factor(d$rm, levels = RM_MANIFEST$label)
  fit <- lme(median_rank ~ family * category * framing, random = ~ 1 | rm, data = d, method = "REML")
  tt <- summary(fit)$tTable
  vc <- VarCorr(fit)
  fe <- data.frame(term = rownames(tt), estimate = tt[, "Value"], SE = tt[, "Std.Error"], DF = tt[, "DF"],
                   t = tt[, "t-value"], p = tt[, "p-value"],
                   log10_p = (pt(-abs(tt[, "t-value"]), tt[, "DF"], log.p = TRUE) + log(2)) / log(10),
                   stringsAsFactors = FALSE)
  rownames(fe) <- NULL
  list(fit = fit,
       out = list(method = "REML", formula = "median_rank ~ family * category * framing, random = ~1 | rm",
                  contrasts = "treatment; reference levels family = Gemma, category = first alphabetically, framing = positive",
                  n_obs = fit$dims$N, n_groups = unname(fit$dims$ngrps["rm"]),
                  fixed_effects = fe,
                  ## VarCorr() returns rounded strings; take the exact value from the fitted pdMat
                  random_intercept_sd = sqrt(as.numeric(getVarCov(fit)[1, 1])),
                  random_intercept_sd_printed = vc["(Intercept)", "StdDev"],
                  residual_sd = fit$sigma,
                  logLik = as.numeric(logLik(fit)), AIC = AIC(fit), BIC = BIC(fit)))
}

stars_of <- function(p) ifelse(p < .001, "***", ifelse(p < .01, "**", ifelse(p < .05, "*", "n.s.")))

## Step 5: per panel (category x framing) Welch t-test Llama vs Gemma, Bonferroni, Cohen's d.
panel_tests <- function(tab, categories) {
  panels <- expand.grid(framing = FRAMING_LEVELS, category = categories, stringsAsFactors = FALSE)[, c("category", "framing")]
  n_panels <- nrow(panels)
  rows <- lapply(seq_len(n_panels), function(k) {
    sel <- tab$category == panels$category[k] & tab$framing == panels$framing[k]
    L <- tab$median_rank[sel & tab$family == "Llama"]; G <- tab$median_rank[sel & tab$family == "Gemma"]
    w <- t.test(L, G, var.equal = FALSE)
    nL <- length(L); nG <- length(G); sL <- sd(L); sG <- sd(G)
    sd_avg <- sqrt((sL^2 + sG^2) / 2)
    sd_pool <- sqrt(((nL - 1) * sL^2 + (nG - 1) * sG^2) / (nL + nG - 2))
    p_adj <- min(w$p.value * n_panels, 1)
    data.frame(category = panels$category[k], framing = panels$framing[k],
               n_llama = nL, n_gemma = nG, mean_llama = mean(L), mean_gemma = mean(G),
               sd_llama = sL, sd_gemma = sG,
               t = unname(w$statistic), df = unname(w$parameter), p_welch = w$p.value,
               p_bonferroni = p_adj, stars = stars_of(p_adj), bonferroni_n = n_panels,
               sd_avgvar = sd_avg, sd_pooled = sd_pool,
               d_avgvar = (mean(L) - mean(G)) / sd_avg, d_pooled = (mean(L) - mean(G)) / sd_pool,
               stringsAsFactors = FALSE)
  })
  do.call(rbind, rows)
}

run_pipeline <- function(score_dir, dict) {
  mr <- median_rank_table(read_scores(score_dir), dict)
  lm_ <- fit_lme(mr$table, mr$categories)
  lmc <- fit_lme_exact(mr$table, mr$categories, lm_$out$fixed_effects$DF)
  pt_ <- panel_tests(mr$table, mr$categories)
  list(mr = mr, lme = lm_, lme_exact = lmc, panels = pt_)
}

## Minimal pretty JSON writer with numbers as "%.17g" (17 significant digits: exact round trip).
## jsonlite::toJSON caps numbers at 15 significant digits, so it is only used to escape strings.
## Named list -> object; unnamed list -> array; data.frame -> array of row objects;
## atomic vector of length 1 -> scalar (unless wrapped in I()), otherwise array; NA/NaN/Inf -> null.
json_scalar <- function(v) {
  if (is.null(v) || (length(v) == 1 && is.na(v))) return("null")
  if (is.logical(v)) return(if (v) "true" else "false")
  if (is.numeric(v)) return(if (is.finite(v)) sprintf("%.17g", v) else "null")
  as.character(jsonlite::toJSON(as.character(v), auto_unbox = TRUE))
}
to_json17 <- function(x, indent = 0) {
  pad <- strrep("  ", indent + 1); pad0 <- strrep("  ", indent)
  if (is.data.frame(x))
    x <- lapply(seq_len(nrow(x)), function(i) lapply(as.list(x[i, , drop = FALSE]), function(v) unname(v)))
  if (is.factor(x)) x <- as.character(x)
  if (is.list(x)) {
    if (length(x) == 0) return(if (is.null(names(x))) "[]" else "{}")
    items <- vapply(x, to_json17, character(1), indent = indent + 1)
    if (!is.null(names(x)))
      items <- paste0(vapply(names(x), function(n) as.character(jsonlite::toJSON(n, auto_unbox = TRUE)), ""), ": ", items)
    open <- if (is.null(names(x))) "[" else "{"; close <- if (is.null(names(x))) "]" else "}"
    return(paste0(open, "\n", paste0(pad, items, collapse = ",\n"), "\n", pad0, close))
  }
  x <- unname(x)
  if (length(x) == 1 && !inherits(x, "AsIs")) return(json_scalar(x))
  paste0("[", paste(vapply(seq_along(x), function(i) json_scalar(x[[i]]), character(1)), collapse = ", "), "]")
}
write_json17 <- function(x, path) writeLines(to_json17(x), path)

write_csv17 <- function(df, path) {
  d <- df
  num <- vapply(df, is.numeric, logical(1))
  for (j in which(num)) d[[j]] <- sprintf("%.17g", d[[j]])
  write.csv(d, path, row.names = FALSE, quote = which(!num))
}
