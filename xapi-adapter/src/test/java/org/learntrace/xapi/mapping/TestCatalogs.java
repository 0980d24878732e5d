package org.learntrace.xapi.mapping;

/** The catalog the tests map with: the AGS course of the 3MPower study, read from JSON. */
final class TestCatalogs {
  private TestCatalogs() {}

  static final String AGS_JSON = """
      {
        "platformIri": "https://muktopaath.gov.bd/xapi",
        "idSpaces": {
          "urn:learntrace:id:teacher": "https://muktopaath.gov.bd/xapi/teachers"
        },
        "courses": [
          {
            "id": "ags",
            "name": {"en-US": "Joyful maths (Anonde Ghonit Shikhi)", "bn-BD": "আনন্দে গণিত শিখি"},
            "study": {"id": "3mpower", "name": {"en-US": "3MPower study", "bn-BD": "থ্রিএমপাওয়ার গবেষণা"}},
            "modules": [
              {"id": "m3", "name": {"en-US": "Module 3: Counting", "bn-BD": "মডিউল ৩: গণনা"}, "masteryScore": 0.8, "moveOn": "CompletedAndPassed"}
            ],
            "videos": [
              {"id": "m3-v1", "name": {"en-US": "Counting objects", "bn-BD": "বস্তু গণনা"}, "length": 312.5, "completionThreshold": 0.9}
            ],
            "quizzes": [
              {"id": "m3-quiz", "name": {"en-US": "Module 3 quiz", "bn-BD": "মডিউল ৩ কুইজ"},
               "items": [
                 {"id": "q1", "name": {"en-US": "How many mangoes?", "bn-BD": "কয়টি আম?"}, "interactionType": "choice",
                  "choices": [{"id": "a", "description": {"en-US": "three", "bn-BD": "তিন"}}, {"id": "b", "description": {"en-US": "five", "bn-BD": "পাঁচ"}}],
                  "correctResponses": ["b"]}
               ]}
            ],
            "instruments": [{"id": "egma-25", "name": {"en-US": "Early grade maths test (25 items)", "bn-BD": "প্রাথমিক গণিত পরীক্ষা (২৫ প্রশ্ন)"}}],
            "rubrics": [{"id": "lesson-obs", "name": {"en-US": "Lesson observation rubric", "bn-BD": "পাঠ পর্যবেক্ষণ রুব্রিক"}}],
            "surveys": [
              {"id": "self-report", "name": {"en-US": "Self-report survey", "bn-BD": "স্ব-প্রতিবেদন জরিপ"},
               "questions": [{"id": "modules-done", "name": {"en-US": "How many modules did you complete?", "bn-BD": "আপনি কয়টি মডিউল শেষ করেছেন?"}}]}
            ]
          }
        ]
      }
      """;

  static final CourseCatalog AGS = CourseCatalog.fromJson(AGS_JSON);
}
