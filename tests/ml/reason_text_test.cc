#include "ml/reason_text.h"

#include <gtest/gtest.h>

#include "ml/reasons.h"

namespace leadscore::ml {
namespace {

constexpr Language kEn = Language::kEnglish;
constexpr Language kId = Language::kIndonesian;

TEST(ReasonTextTest, SentencesAboutThePersonInBothLanguages) {
  EXPECT_EQ(ReasonSentence("age", "67", kId), "Usia 67 tahun");
  EXPECT_EQ(ReasonSentence("age", "67", kEn), "Age 67");
  EXPECT_EQ(ReasonSentence("poutcome", "success", kId), "Berlangganan pada kampanye sebelumnya");
  EXPECT_EQ(ReasonSentence("poutcome", "success", kEn), "Subscribed in the previous campaign");
  // pdays 999 (never contacted) reaches the reasons as a missing value.
  EXPECT_EQ(ReasonSentence("pdays", "missing", kId), "Belum pernah dihubungi sebelumnya");
  EXPECT_EQ(ReasonSentence("pdays", "missing", kEn), "Never contacted before");
  EXPECT_EQ(ReasonSentence("pdays", "6", kId),
            "Terakhir dihubungi 6 hari lalu, di kampanye sebelumnya");
  EXPECT_EQ(ReasonSentence("job", "retired", kId), "Pensiunan");
  EXPECT_EQ(ReasonSentence("job", "technician", kId), "Bekerja sebagai teknisi");
  EXPECT_EQ(ReasonSentence("job", "blue-collar", kEn), "Works as blue-collar worker");
  EXPECT_EQ(ReasonSentence("education", "university.degree", kId), "Pendidikan sarjana");
  EXPECT_EQ(ReasonSentence("housing", "no", kId), "Tidak memiliki kredit rumah");
  EXPECT_EQ(ReasonSentence("loan", "yes", kEn), "Has a personal loan");
  EXPECT_EQ(ReasonSentence("campaign", "1", kEn), "Called once in this campaign");
  EXPECT_EQ(ReasonSentence("campaign", "3", kId), "Sudah dihubungi 3 kali di kampanye ini");
  EXPECT_EQ(ReasonSentence("previous", "0", kId), "Belum pernah dihubungi sebelum kampanye ini");
  EXPECT_EQ(ReasonSentence("contact", "cellular", kId), "Dihubungi lewat ponsel");
  EXPECT_EQ(ReasonSentence("month", "may", kId), "Dihubungi pada bulan Mei");
}

TEST(ReasonTextTest, NumbersInTheReadersLocaleNeverScientific) {
  EXPECT_EQ(LocaleNumber(4991.6, kEn), "4,991.6");
  EXPECT_EQ(LocaleNumber(4991.6, kId), "4.991,6");
  EXPECT_EQ(LocaleNumber(1234567, kId), "1.234.567");
  EXPECT_EQ(LocaleNumber(-1.8, kId), "-1,8");
  EXPECT_EQ(LocaleNumber(0.001, kEn), "0");
  EXPECT_EQ(LocaleNumber(-0.001, kEn), "0");
  EXPECT_EQ(ReasonSentence("balance", "12500", kId), "Saldo rata-rata tahunan 12.500");
  EXPECT_EQ(ReasonSentence("balance", "12500", kEn), "Average yearly balance 12,500");
  // A column without a sentence of its own: "Label: value", the value localised.
  EXPECT_EQ(ReasonSentence("nr.employed", "4991.6", kId), "Jumlah pekerja (ribuan): 4.991,6");
  EXPECT_EQ(ReasonSentence("bi_rate", "5.75", kId), "bi_rate: 5,75");
  // A bank's own category reads as words, never as its bare code.
  EXPECT_EQ(ReasonSentence("segment", "gold_plus", kEn), "segment: Gold plus");
}

TEST(ReasonTextTest, ValuesAreTranslated) {
  EXPECT_EQ(ValueLabel("job", "housemaid", kId), "Asisten rumah tangga");
  EXPECT_EQ(ValueLabel("month", "dec", kEn), "December");
  EXPECT_EQ(ValueLabel("day_of_week", "fri", kId), "Jumat");
  EXPECT_EQ(ValueLabel("default", "unknown", kId), "Tidak diketahui");
  EXPECT_EQ(ValueLabel("default", "missing", kEn), "Unknown");
  EXPECT_EQ(ValueLabel("education", "tertiary", kId), "Perguruan tinggi");
  EXPECT_EQ(ValueLabel("poutcome", "other", kId), "Lainnya");
  // Values the catalogue does not know: readable words, not the code.
  EXPECT_EQ(ValueLabel("job", "blue_collar-night", kEn), "Blue collar night");
  EXPECT_EQ(ValueLabel("segment", "gold", kId), "Gold");
  EXPECT_EQ(ValueLabel("segment", "YES", kId), "Ya");  // the shared answers, any column
}

TEST(ReasonTextTest, CatalogueWordsReadWellInsideSentences) {
  EXPECT_EQ(ReasonSentence("job", "admin.", kEn), "Works as administrative staff");
  EXPECT_EQ(ReasonSentence("education", "high.school", kId), "Pendidikan SMA");
  EXPECT_EQ(ReasonSentence("education", "tertiary", kEn), "Education: Higher education");
  EXPECT_EQ(ReasonSentence("contact", "telephone", kEn), "Reached on a landline");
  EXPECT_EQ(ReasonSentence("day_of_week", "mon", kEn), "Called on a Monday");
}

TEST(ReasonTextTest, ExpandedReasonsCarryTheSentences) {
  auto j = ExpandReasons(R"([["age","67",0.4],["poutcome","success",0.3],["pdays","missing",-0.2]])");
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0]["text_id"], "Usia 67 tahun");
  EXPECT_EQ(j[1]["text_en"], "Subscribed in the previous campaign");
  EXPECT_EQ(j[2]["text_id"], "Belum pernah dihubungi sebelumnya");
  EXPECT_EQ(j[2]["direction"], "down");
  EXPECT_EQ(j[1]["value_id"], "Berlangganan");
}

}  // namespace
}  // namespace leadscore::ml
