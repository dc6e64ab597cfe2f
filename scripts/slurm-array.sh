#!/bin/bash
#SBATCH --job-name=metcc
#SBATCH --array=0-7
#SBATCH --cpus-per-task=4
# 64 replications of the baseline in 8 shards, one per task of a Slurm job array. Submit it
# from the project folder: sbatch scripts/slurm-array.sh. The shard count is the array's task
# count, so sbatch's own options resize it (--array=0-3: 4 shards; indices must run 0..n-1);
# METCC_SCENARIO, METCC_REPLICATIONS and METCC_STUDY (the folder of the shard folders) choose
# the study, and arguments after the script's name are added to `run` (e.g. --calls).
set -euo pipefail
cd "$SLURM_SUBMIT_DIR"
npx metcc-sim run "${METCC_SCENARIO:-scenarios/metcc-2022-baseline.yaml}" \
  --replications "${METCC_REPLICATIONS:-64}" \
  --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}" --workers "$SLURM_CPUS_PER_TASK" \
  --out "${METCC_STUDY:-study}/shard-${SLURM_ARRAY_TASK_ID}" --resume --quiet "$@"
