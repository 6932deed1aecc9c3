// Labelled leads with a known signal, for the ML tests: conversion is likelier for students and
// retired people, for low euribor3m and for customers reached before (pdays not 999), with
// noise, so a model can learn something but not everything.
#pragma once

#include <cmath>
#include <random>

#include "ml/labelled_data.h"

namespace leadscore::ml::testing {

inline LabelledData SyntheticLeads(int rows, uint64_t seed, int max_yes = -1) {
  static const char* kJobs[] = {"admin.", "blue-collar", "retired", "student", "technician"};
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  LabelledData data;
  for (const char* name : {"age", "job", "euribor3m", "pdays", "duration"}) {
    const BankColumn* c = FindBankColumn(name);
    data.columns.push_back({name, c->kind, c});
  }
  int yes = 0;
  for (int i = 0; i < rows; ++i) {
    Lead lead;
    std::string job = kJobs[rng() % 5];
    double age = 20 + std::floor(u(rng) * 60);
    double euribor = 0.6 + u(rng) * 4.4;
    double pdays = u(rng) < 0.85 ? 999 : std::floor(u(rng) * 20);
    double z = -2.2 + (job == "student" || job == "retired" ? 1.2 : 0) - 0.6 * (euribor - 2.5) +
               (pdays != 999 ? 1.5 : 0) + 0.01 * (age - 40);
    bool outcome = u(rng) < 1 / (1 + std::exp(-z));
    if (outcome && max_yes >= 0 && yes >= max_yes) outcome = false;
    yes += outcome;
    lead.numeric[FindBankColumn("age")->slot] = age;
    lead.numeric[FindBankColumn("euribor3m")->slot] = euribor;
    lead.numeric[FindBankColumn("pdays")->slot] = pdays;
    lead.numeric[FindBankColumn("duration")->slot] = outcome ? 600 : 100;  // pure leakage
    lead.categorical[FindBankColumn("job")->slot] = job;
    lead.outcome = outcome;
    data.leads.push_back(lead);
  }
  return data;
}

}  // namespace leadscore::ml::testing
