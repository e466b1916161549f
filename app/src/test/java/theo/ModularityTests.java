package theo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {
  /** The repository's docs/modules, seen from the app module's directory where the tests run. */
  static final Path MODULE_DOCS = Paths.get("..", "docs", "modules");

  private final ApplicationModules modules = ApplicationModules.of(TheoApplication.class);

  @Test
  void verifyWhenModulesDependOnlyOnPublicApisThenPasses() {
    modules.verify();
  }

  @Test
  void writeDocumentationWritesComponentDiagramAndOneCanvasPerModuleIntoDocsModules() {
    new Documenter(modules, Documenter.Options.defaults().withOutputFolder(MODULE_DOCS.toString()))
        .writeDocumentation();

    assertThat(MODULE_DOCS.resolve("components.puml")).isNotEmptyFile();
    assertThat(MODULE_DOCS.resolve("all-docs.adoc")).isNotEmptyFile();
    assertThat(modules.stream().map(ApplicationModule::getIdentifier))
        .isNotEmpty()
        .allSatisfy(
            id -> {
              assertThat(MODULE_DOCS.resolve("module-" + id + ".puml")).isNotEmptyFile();
              assertThat(MODULE_DOCS.resolve("module-" + id + ".adoc")).isNotEmptyFile();
            });
  }
}
