package io.r2orm.testsupport;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The public surface of r2orm's API packages, for the modules' architecture tests (issue #14): what
 * is internal lives in packages named {@code internal}, and no API member may take or return it.
 */
public final class ApiSurface {
  private ApiSurface() {}

  /**
   * Every public or protected member of a public class outside the {@code internal} packages that
   * takes or returns (or is a field of) a type of an {@code internal} package, as {@code "member
   * exposes type"}; empty when the surface is clean.
   */
  public static List<String> internalTypesExposed(JavaClasses classes) {
    List<String> exposed = new ArrayList<>();
    for (JavaClass type : classes) {
      if (isInternal(type) || !type.getModifiers().contains(JavaModifier.PUBLIC)) {
        continue;
      }
      for (JavaMember member : type.getMembers()) {
        if (!member.getModifiers().contains(JavaModifier.PUBLIC)
            && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
          continue;
        }
        List<JavaClass> types = new ArrayList<>();
        if (member instanceof JavaCodeUnit unit) {
          types.add(unit.getRawReturnType());
          types.addAll(unit.getRawParameterTypes());
        } else if (member instanceof JavaField field) {
          types.add(field.getRawType());
        }
        types.stream()
            .filter(ApiSurface::isInternal)
            .forEach(t -> exposed.add(member.getFullName() + " exposes " + t.getName()));
      }
    }
    return exposed;
  }

  private static boolean isInternal(JavaClass type) {
    return type.getPackageName().contains(".internal");
  }
}
