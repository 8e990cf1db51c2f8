## Independent reference for §4 (Fig. 4a series and Fig. 4b/A5b points) from
## the study's summary files. Run from the repository root:
##   Rscript Tests/Fixtures/reference/training/make_training_reference.R
## Rules (Docs/Methods.md#training-dynamics): deduplicate rows; family from model_id
## (gem/Gem -> Gemma, lam/Lla -> Llama, qwe/Qwe -> Qwen); the ablation point of
## a model and category is its row at the largest checkpoint.
runs <- data.frame(id = c("uf_13", "uf_27", "uf_54", "uf_100", "sky_80k", "grm_80k"),
                   size = c(13, 27, 53, 106, 77, 550), stringsAsFactors = FALSE)
dir <- "content/data/reward_model_training"
family_of <- function(m) ifelse(grepl("gem|Gem", m), "Gemma", ifelse(grepl("lam|Lla", m), "Llama", ifelse(grepl("qwe|Qwe", m), "Qwen", NA)))
points <- list(); audit <- list()
for (k in seq_len(nrow(runs))) {
  d <- read.csv(file.path(dir, sprintf("rank_results_%s.csv", runs$id[k])), stringsAsFactors = FALSE)
  audit[[k]] <- data.frame(run = runs$id[k], rows_read = nrow(d),
                           rows_distinct = nrow(unique(d[, c("model_id", "Category", "checkpoint", "sum_value")])))
  d <- unique(d[, c("model_id", "Category", "checkpoint", "sum_value")])
  d$family <- family_of(d$model_id)
  last <- do.call(rbind, lapply(split(d, list(d$model_id, d$Category), drop = TRUE), function(g) g[which.max(g$checkpoint), ]))
  last$run <- runs$id[k]; last$data_size <- runs$size[k]
  points[[k]] <- last
  if (runs$id[k] == "sky_80k") {
    series <- d[order(d$family, d$Category, d$checkpoint), c("model_id", "family", "Category", "checkpoint", "sum_value")]
    write.csv(series, "Tests/Fixtures/reference/training/series_sky_80k.csv", row.names = FALSE)
  }
}
p <- do.call(rbind, points)
p <- p[order(match(p$run, runs$id), p$family, p$Category), c("run", "data_size", "model_id", "family", "Category", "checkpoint", "sum_value")]
write.csv(p, "Tests/Fixtures/reference/training/ablation_points.csv", row.names = FALSE)
write.csv(do.call(rbind, audit), "Tests/Fixtures/reference/training/audit.csv", row.names = FALSE)
cat(sprintf("identical uf_13/uf_27: %s\n", identical(readBin(file.path(dir, "rank_results_uf_13.csv"), "raw", 1e6),
                                                   readBin(file.path(dir, "rank_results_uf_27.csv"), "raw", 1e6))))
