package io.r2orm.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The starter's API package ({@code io.r2orm.spring}) and its plumbing ({@code
 * io.r2orm.spring.internal}): no package cycle, and no public member of the API exposes an internal
 * type (issue #14).
 */
class StarterLayeringTest {
  private static final JavaClasses STARTER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.r2orm.spring");

  @Test
  void packagesAreFreeOfCycles() {
    assertThat(STARTER.stream().map(JavaClass::getPackageName).distinct())
        .contains("io.r2orm.spring", "io.r2orm.spring.internal");
    SlicesRuleDefinition.slices().matching("io.r2orm.(**)").should().beFreeOfCycles().check(STARTER);
  }

  @Test
  void noInternalTypeInApiSignatures() {
    List<String> exposed = new ArrayList<>();
    for (JavaClass type : STARTER) {
      if (type.getPackageName().contains(".internal") || !type.getModifiers().contains(JavaModifier.PUBLIC)) {
        continue;
      }
      for (JavaMember member : type.getMembers()) {
        if (!member.getModifiers().contains(JavaModifier.PUBLIC) && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
          continue;
        }
        List<JavaClass> types = new ArrayList<>();
        if (member instanceof JavaCodeUnit unit) {
          types.add(unit.getRawReturnType());
          types.addAll(unit.getRawParameterTypes());
        } else if (member instanceof JavaField field) {
          types.add(field.getRawType());
        }
        types.stream().filter(t -> t.getPackageName().contains(".internal"))
            .forEach(t -> exposed.add(member.getFullName() + " exposes " + t.getName()));
      }
    }
    assertThat(exposed).isEmpty();
  }
}
